/**
 * Reports for people: a self-contained HTML page per check (no network; CSS, script and SVG inline)
 * that draws each client's operations on a time line per partition and marks where the history
 * stops being linearisable.
 */
package dev.omnisim.lincheck.report;
