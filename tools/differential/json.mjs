// A small JSON reader that keeps each number's text (so 1 and 1.0 stay apart) and key order.
export class Num { constructor(raw) { this.raw = raw; } }

export function parseRaw(text) {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = () => { throw new SyntaxError(`bad JSON at ${i}`); };
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; const obj = new Map(); ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws(); if (text[i] !== '"') fail();
        const k = str(); ws(); if (text[i] !== ':') fail(); i++;
        obj.set(k, value()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail();
      }
    }
    if (c === '[') {
      i++; const arr = []; ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail();
      }
    }
    if (c === '"') return str();
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) { i += m[0].length; return new Num(m[0]); }
    for (const [w, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(w, i)) { i += w.length; return v; }
    }
    fail();
  }
  function str() {
    const start = i; i++;
    while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; i++; }
    i++;
    return JSON.parse(text.slice(start, i));
  }
  const v = value(); ws();
  if (i !== text.length) fail();
  return v;
}

export function show(v, max = 200) {
  const s = render(v);
  return s.length > max ? s.slice(0, max) + `… (${s.length} chars)` : s;
}

export function render(v) {
  if (v === undefined) return '(absent)';
  if (v instanceof Num) return v.raw;
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => JSON.stringify(k) + ':' + render(x)).join(',') + '}';
  if (Array.isArray(v)) return '[' + v.map(render).join(',') + ']';
  return JSON.stringify(v);
}
