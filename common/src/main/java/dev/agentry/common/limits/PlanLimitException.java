package dev.agentry.common.limits;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ServiceException;
import java.util.List;

/**
 * 403 of type {@code plan-limit}: a count the plan caps (agents, say) is reached. Unlike a rate, it
 * does not pass with time: the tenant removes something or changes plan.
 */
public class PlanLimitException extends ServiceException {

    public PlanLimitException(String limitName, long limit) {
        super(403, "plan-limit", "Plan limit reached", limitName + ": the tenant's plan allows " + limit,
                List.of(new FieldError(limitName, "limit " + limit + " reached")));
    }
}
