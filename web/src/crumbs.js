// Breadcrumbs that a page can name itself (a village's or person's name),
// remembered for the route they were set on so a stale page cannot leak its
// names into the next one. Items are {title, to?}; titles are plain text.
import { reactive } from 'vue'

export const crumbs = reactive({ path: '', items: [] })

export function setCrumbs(path, items) {
  crumbs.path = path
  crumbs.items = items
}
