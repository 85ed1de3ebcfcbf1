/**
 * History files: the project's JSON-lines format (see {@code HISTORY-FORMAT.md} in the module) and
 * Jepsen's EDN histories, read and written, so a history can be cross-checked with Knossos. {@link
 * dev.omnisim.lincheck.format.ModelSpec} names each model together with how its operations are
 * written in files.
 */
package dev.omnisim.lincheck.format;
