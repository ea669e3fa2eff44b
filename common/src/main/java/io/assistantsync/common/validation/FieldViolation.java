package io.assistantsync.common.validation;

/**
 * One broken rule of one field.
 *
 * @param field the JSON path of the field, e.g. {@code name} or {@code tags[2]}
 * @param message what is wrong, in words a producer can act on
 */
public record FieldViolation(String field, String message) {
}
