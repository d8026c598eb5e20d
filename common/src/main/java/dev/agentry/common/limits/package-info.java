/**
 * Plan limits, enforced the same way in every service: rates (requests per day, LLM tokens per
 * month) counted in Redis and refused with 429, counts (agents) checked in the creating
 * transaction and refused with 403 {@code plan-limit}. config-service owns the plans and publishes
 * each tenant's limits to Redis; every other service only reads them.
 */
package dev.agentry.common.limits;
