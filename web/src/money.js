// Money on the console: the server speaks integer fen (分); people read and type
// 元 with two decimals and, on vouchers, the amount in capitals (大写). Pure
// string and integer arithmetic: never a float for an amount, never HTML.

const GROUP_RE = /\B(?=(\d{3})+(?!\d))/g

// 1234567 → "12,345.67"; '' for null/undefined.
export function formatFen(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Number(fen)
  if (!Number.isFinite(n)) return String(fen)
  const neg = n < 0
  const a = Math.abs(Math.trunc(n))
  const yuan = String(Math.floor(a / 100)).replace(GROUP_RE, ',')
  const cents = String(a % 100).padStart(2, '0')
  return (neg ? '-' : '') + yuan + '.' + cents
}

// "1,234.5" / "1234.56" / "-3" → fen (integer); null when it is not an amount
// of at most two decimals.
export function parseYuan(text) {
  if (text === null || text === undefined) return null
  const s = String(text).replace(/[,，\s]/g, '')
  const m = /^(-?)(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return null
  const fen = Number(m[2]) * 100 + Number((m[3] || '').padEnd(2, '0'))
  return m[1] === '-' ? -fen : fen
}

// Fen → the plain yuan text the server accepts ("1234.50").
export function fenToYuanText(fen) {
  return formatFen(fen).replace(/,/g, '')
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖']
const UNITS = ['', '拾', '佰', '仟']
const GROUPS = ['', '万', '亿', '万亿']

function integerCapitals(n) {
  const groups = []
  while (n > 0) {
    groups.push(n % 10000)
    n = Math.floor(n / 10000)
  }
  let out = ''
  let zero = false
  for (let g = groups.length - 1; g >= 0; g--) {
    const v = groups[g]
    if (v === 0) {
      if (out) zero = true
      continue
    }
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(v / 10 ** i) % 10
      if (d === 0) {
        if (out) zero = true
        continue
      }
      if (zero) out += '零'
      zero = false
      out += DIGITS[d] + UNITS[i]
    }
    out += GROUPS[g]
  }
  return out
}

// Fen → 人民币大写, e.g. 123456 → "壹仟贰佰叁拾肆元伍角陆分", 10000 → "壹佰元整".
export function fenCapitals(fen) {
  if (fen === null || fen === undefined || !Number.isFinite(Number(fen))) return ''
  let n = Math.trunc(Number(fen))
  const neg = n < 0
  n = Math.abs(n)
  if (n === 0) return '零元整'
  const yuan = Math.floor(n / 100)
  const jiao = Math.floor(n / 10) % 10
  const cent = n % 10
  let out = yuan > 0 ? integerCapitals(yuan) + '元' : ''
  if (jiao === 0 && cent === 0) out += '整'
  else {
    if (jiao > 0) out += DIGITS[jiao] + '角'
    else if (yuan > 0) out += '零'
    if (cent > 0) out += DIGITS[cent] + '分'
    else out += '整'
  }
  return (neg ? '负' : '') + out
}
