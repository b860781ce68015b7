/**
 * A chart's box (issue 18 §3): the chart keeps a width at which its labels stay legible and do
 * not overlap, and on a narrower screen it scrolls inside this box instead of squeezing its
 * labels or widening the page (WCAG 1.4.10 exempts content that needs two dimensions, such as
 * a chart, from reflow, not from being readable). While it scrolls, the box is a named region
 * in the tab order, so a keyboard user can scroll it too.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react'

/** `categories`: every category labelled (segment names); `series`: Recharts thins the labels itself (months). */
export function ChartBox({ label, className = 'koers-chart', kind = 'series', children }: { label: string; className?: string; kind?: 'categories' | 'series'; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState(false)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return (
    <div ref={box} className="koers-chart-scroll" {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (schuift horizontaal)` } : {})}>
      <div className={`${className} koers-chart--${kind}`} role="img" aria-label={label}>
        {children}
      </div>
    </div>
  )
}
