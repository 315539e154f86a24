/**
 * AWS IoT Core policy evaluation, pure and transport-free so it can be tested exhaustively.
 *
 * <p>Load each policy once with {@link dev.iotemulator.internal.policy.PolicyParser#parse}, then ask
 * {@link dev.iotemulator.internal.policy.PolicyEvaluator#evaluate} for every CONNECT, PUBLISH, SUBSCRIBE and
 * delivery, with resource ARNs from {@link dev.iotemulator.internal.policy.Arns} and one
 * {@link dev.iotemulator.internal.policy.RequestContext} per connection. The answer is a
 * {@link dev.iotemulator.internal.policy.Decision} naming the statement that decided.
 *
 * <p>Deliberate choices where AWS is silent or an emulator should be stricter: a statement whose policy variable
 * has no value is not applied; an absent condition key makes a condition false (negated operators included,
 * unlike IAM) unless the operator ends in {@code IfExists}; an unknown condition operator fails closed.
 */
package dev.iotemulator.internal.policy;
