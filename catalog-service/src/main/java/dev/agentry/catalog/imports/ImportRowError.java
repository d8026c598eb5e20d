package dev.agentry.catalog.imports;

/**
 * One error of one row: {@code row} is the record's position in the file, 1 for the first record
 * (in a CSV file the first line after the header), {@code field} the column (or
 * {@code attributes.<key>} for one attribute), {@code message} what is wrong.
 */
public record ImportRowError(int row, String field, String message) {
}
