/**
 * Field values with provenance and history ({@code profile.profile_fields}): the records, the
 * store, the precedence that picks a field's current value, and {@link
 * dev.agentry.profile.fieldvalue.FieldWriter}, which records values for the field endpoint and for
 * a profile's creation alike. The HTTP side is package {@code field}; the whole-profile view
 * (package {@code view}) reads the current values from here.
 */
package dev.agentry.profile.fieldvalue;
