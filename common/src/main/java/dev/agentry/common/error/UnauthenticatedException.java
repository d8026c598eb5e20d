package dev.agentry.common.error;

import java.util.List;

/** 401: no valid credential. The detail never says which check failed beyond what is safe. */
public class UnauthenticatedException extends ServiceException {

    public UnauthenticatedException(String detail) {
        super(401, "unauthenticated", "Unauthorized", detail, List.of());
    }
}
