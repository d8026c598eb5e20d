package dev.agentry.config.auth;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Token exchange and the public verification keys. Both are open: they are how one gets a token. */
@Path("/v1/auth")
@Tag(name = "Authentication")
@PermitAll
public class AuthResource {

    @Inject
    TokenService tokens;

    @Inject
    SigningKeys keys;

    @POST
    @Path("/token")
    public Uni<TokenResponse> token(@NotNull @Valid TokenRequest body) {
        return tokens.exchange(body);
    }

    /** The JWK Set other services verify tokens with ({@code mp.jwt.verify.publickey.location}). */
    @GET
    @Path("/jwks")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
