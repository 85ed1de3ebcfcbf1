/**
 * The student-facing grading API: {@link dev.omnisim.scenarios.grading.api.Submission}, which a
 * submitted jar implements and names in {@code META-INF/services} so that {@code omnisim grade} and
 * {@code omnisim run --submission} can load it. Everything not overridden is the reference.
 */
package dev.omnisim.scenarios.grading.api;
