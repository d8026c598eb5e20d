/**
 * The whole-profile view ({@code GET /v1/profiles/{id}}, and the answer of creation, field writes
 * and merges): a live profile with its identities, each field's current value and why it won, and
 * the ids merged into it. Below the packages that answer it ({@code customer}, {@code field},
 * {@code merge}), above those it reads ({@code base}, {@code identity}, {@code fieldvalue}).
 */
package dev.agentry.profile.view;
