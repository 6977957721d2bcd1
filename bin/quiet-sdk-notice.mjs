// The AWS SDK prints an advance notice that its releases after January 2027 need Node 22 (the
// README says so). Shown at every start it would bury our own output, so it is dropped here;
// every other warning still goes through.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(warning).startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};
