// Saves a Blob as a file through a temporary link.
export function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  // Free the URL once the browser has taken the download (a timer, not a handler).
  // eslint-disable-next-line no-restricted-globals
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
