// Vocabulary of 任务清单 on the console: task states and the programme's
// measures (GET /api/v1/plan/measures), fetched per page. Labels only: the
// server decides who may do what.
import { api } from '../../api.js'

export const TASK_STATES = {
  open: { label: '推进中', type: 'warning' },
  done: { label: '已完成', type: 'success' },
  overdue: { label: '已逾期', type: 'danger' }
}

export function taskState(t) {
  if (t.state === 'done') return 'done'
  return t.overdue ? 'overdue' : 'open'
}

export async function loadMeasures() {
  const d = await api.get('/plan/measures', { per_page: 200 })
  return (d && d.items) || []
}

// The unit that stands for each village's own party organisation.
export const VILLAGE_UNIT = '各村居党组织'
