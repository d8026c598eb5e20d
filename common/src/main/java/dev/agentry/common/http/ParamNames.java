package dev.agentry.common.http;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;

/** The name a converted parameter has in the request, for the field of a 400 problem. */
final class ParamNames {

    private ParamNames() {
    }

    static String of(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
        }
        return "parameter";
    }
}
