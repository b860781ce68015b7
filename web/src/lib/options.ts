/** Names by id of the options a filter offers (gemeenten, providers). */

export interface Option {
  id: number
  name: string
}

export const byId = (items: Option[] | null): Record<string, string> => Object.fromEntries((items ?? []).map((o) => [String(o.id), o.name]))
