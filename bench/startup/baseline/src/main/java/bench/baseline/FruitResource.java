package bench.baseline;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** List and create: the CRUD half of the baseline. */
@Path("/fruits")
public class FruitResource {

    @GET
    public Uni<List<Fruit>> list() {
        return Fruit.listAll();
    }

    @POST
    public Uni<Response> create(Fruit fruit) {
        return Panache.withTransaction(fruit::persist).replaceWith(Response.status(Response.Status.CREATED).entity(fruit)::build);
    }
}
