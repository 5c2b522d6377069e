/**
 * Actor-level fault injection for tests: {@link org.opendsql.qp.fault.FaultPlan} decides, per
 * message an entity receives, whether to deliver, drop, delay, duplicate or hold it back, or to
 * crash the entity; {@link org.opendsql.qp.fault.FaultInterceptor} applies those decisions around
 * a real entity's behavior, wired in through {@code NodeEntities.Wrappers}.
 */
package org.opendsql.qp.fault;
