// The AQI badge on its official level colour (HJ 633).
export const LEVEL_COLOURS = ['#00E400', '#FFFF00', '#FF7E00', '#FF0000', '#99004C', '#7E0023'];

export function aqiBadge(aqi, level) {
  if (aqi == null) return '<span class="aqi">—</span>';
  const colour = level?.colour || '#ccc';
  const dark = ['#FFFF00', '#00E400'].includes(colour);
  return `<span class="aqi" style="background:${colour};color:${dark ? '#000' : '#fff'}">${aqi}</span>`;
}
