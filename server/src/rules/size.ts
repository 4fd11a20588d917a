// Byte sizes as users write them (`10MB`, `1 MiB`, `500kB`, `1048576`) and as messages print them (`160 MB`).

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  k: 1e3,
  m: 1e6,
  g: 1e9,
};

/** Parses `10MB`, `1.5 GiB`, `4096` (bytes); null when the text is not a size. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:_\d+)*(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (m === null) return null;
  const value = Number((m[1] ?? "").replace(/_/g, ""));
  const unit = (m[2] ?? "").toLowerCase();
  const factor = unit === "" ? 1 : UNITS[unit];
  if (factor === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * factor);
}

/** Formats bytes with decimal units as NumPy users read sizes: `160 MB`, `80 kB`, `1.5 GB`, `12 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1000) return n === 1 ? "1 byte" : `${n} bytes`;
  const units = ["kB", "MB", "GB", "TB", "PB"];
  let value = n;
  let unit = "";
  for (const u of units) {
    value /= 1000;
    unit = u;
    if (value < 1000) break;
  }
  const digits = value >= 100 || Number.isInteger(value) ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${unit}`;
}
