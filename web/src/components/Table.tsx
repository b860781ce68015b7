/**
 * The Utrecht table in a box of its own (issue 18 §3, WCAG 1.4.10): on a narrow screen a wide
 * table scrolls inside this box, not the page. While it is wider than its box, the box is a
 * named region in the tab order, so a keyboard user can scroll it too (axe's
 * scrollable-region-focusable); named after the table's caption. Pages import `Table` from
 * here instead of from the component library.
 */
import { Table as UtrechtTable } from '@utrecht/component-library-react'
import { type ComponentProps, useEffect, useRef, useState } from 'react'

export function Table({ label, ...props }: ComponentProps<typeof UtrechtTable> & { label?: string }) {
  const box = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState<string | null>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const measure = () => {
      const wide = el.scrollWidth > el.clientWidth + 1
      // The caption, and the heading of the section around it: the same caption ("Producten") recurs per segment.
      const caption = label ?? el.querySelector('caption')?.textContent?.trim() ?? 'Tabel'
      const around = el.closest('[aria-labelledby]')?.getAttribute('aria-labelledby')
      const heading = around ? document.getElementById(around)?.textContent?.trim() : undefined
      const name = heading && heading !== caption ? `${caption} (${heading})` : caption
      setScrolls(wide ? name : null)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    const table = el.querySelector('table')
    if (table) observer.observe(table)
    return () => observer.disconnect()
  }, [label])
  return (
    <div ref={box} className="koers-table-scroll" {...(scrolls !== null ? { tabIndex: 0, role: 'region', 'aria-label': `${scrolls} (schuift horizontaal)` } : {})}>
      <UtrechtTable {...props} />
    </div>
  )
}
