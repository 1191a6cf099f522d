package io.chorus.query.resources;

import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.query.api.DeviceView;
import io.chorus.query.api.Views;
import io.chorus.query.db.DeviceReads;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own push devices, one page (a user has a handful). */
@Path("/v1/users/me/devices")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceQueries {
    private final DeviceReads reads;

    public DeviceQueries(DeviceReads reads) {
        this.reads = reads;
    }

    @GET
    public Views.Page<DeviceView> myDevices(@Auth ChorusPrincipal caller) {
        return new Views.Page<>(reads.devicesOf(caller.userId()), null);
    }
}
