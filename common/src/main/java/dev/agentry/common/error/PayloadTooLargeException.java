package dev.agentry.common.error;

import java.util.List;

/** 413: the body is larger than this service accepts. */
public class PayloadTooLargeException extends ServiceException {

    public PayloadTooLargeException(long limit) {
        super(413, "payload-too-large", "Payload Too Large",
                "The request body exceeds the limit of " + limit + " bytes", List.of());
    }
}
