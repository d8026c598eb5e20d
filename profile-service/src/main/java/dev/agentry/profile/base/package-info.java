/**
 * The layer every concern of profile-service stands on, importing none of them: the
 * {@code customer_profiles} table ({@link dev.agentry.profile.base.ProfileStore}, its row
 * {@link dev.agentry.profile.base.ProfileRow}, live or tombstone), the public
 * {@link dev.agentry.profile.base.Profile}, and {@link dev.agentry.profile.base.ProfileLookup},
 * which turns any profile id into its live survivor.
 */
package dev.agentry.profile.base;
