package dev.iotemulator.internal.pipeline;

/** A subscriber's {@code iot:Receive} decision for one topic; records a denial. */
@FunctionalInterface
public interface ReceivePermission {

    ReceivePermission ANY = topic -> true;

    boolean mayReceive(String topic);
}
