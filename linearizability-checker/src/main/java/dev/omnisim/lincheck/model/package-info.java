/**
 * The sequential specifications the checker knows: a key-value store (partitioned by key), a
 * read/write register, a compare-and-set register, and a set. Each implements {@link
 * dev.omnisim.lincheck.Model}; a new object type needs only another implementation.
 */
package dev.omnisim.lincheck.model;
