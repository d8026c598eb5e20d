package dev.agentry.common.error;

import java.util.List;
import java.util.UUID;

/** 404: the resource does not exist, or belongs to another tenant (which must look the same). */
public class NotFoundException extends ServiceException {

    public NotFoundException(String detail) {
        super(404, "not-found", "Not Found", detail, List.of());
    }

    public static NotFoundException of(String what, UUID id) {
        return new NotFoundException(what + " " + id + " does not exist");
    }
}
