// Vocabulary of 家风与纪法教育 on the console: activity kinds and case
// categories as the server lists them. Labels only: the server checks them.
export const ACTIVITY_KINDS = ['廉政家访', '好家风评选', '以案五说', '纪法教育', '道德讲堂', '农家书屋更新', '移风易俗', '文化阵地活动', '其他']
export const CASE_CATEGORIES = ['侵占挪用集体资金', '优亲厚友', '虚报冒领惠民资金', '违规发包集体资产资源', '工程项目违规', '违反八项规定', '失职失责', '其他']

// 出勤率 = 实到 ÷ 应到, as text.
export function attendance(expected, attended) {
  if (!expected) return ''
  return ((attended * 100) / expected).toFixed(1) + '%'
}
