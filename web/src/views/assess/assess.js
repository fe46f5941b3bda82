// Vocabulary of 年度考核 on the console: the four grades with their tag
// colours. Labels only: the server computes scores, grades and ranks.
export const GRADES = {
  A: { label: '优秀', type: 'success' },
  B: { label: '良好', type: 'primary' },
  C: { label: '合格', type: 'warning' },
  D: { label: '不合格', type: 'danger' }
}
