// The colours of surface-water classes as the assessment draws them (I–II blue, III green,
// IV yellow, V orange, worse than V red).
export const CLASS_COLOURS = {
  I: '#33A1FD',
  II: '#33A1FD',
  III: '#2EB872',
  IV: '#F7D000',
  V: '#FF8C00',
  劣V: '#E53935',
};
