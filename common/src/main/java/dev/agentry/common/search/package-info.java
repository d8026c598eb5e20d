/**
 * The vocabulary and mechanics every vector search of the suite shares: the {@code strategy}
 * (auto / exact / index) and {@code mode} (hybrid / vector / text) words of the API, the rules for a
 * caller's ready query vector, and the planner settings of an HNSW walk. Each service keeps its own
 * SQL; only these decisions live here, once.
 */
package dev.agentry.common.search;
