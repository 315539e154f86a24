package dev.iotemulator.internal.gateway;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.PortInUseException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What stops the listeners from binding, gathered so that one start-up names all of it: a bind address that is not
 * this machine's, checked before any port; then every port that is taken, not just the first.
 */
final class ListenerProblems {

    /** One listener whose port is taken. */
    private record Taken(String what, int port, String flag, String environmentVariable) {
    }

    private final String bindAddress;
    private final List<Taken> taken = new ArrayList<>();
    private BindException firstCause;

    ListenerProblems(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    /**
     * Refuses a bind address that does not name this machine: binding to it fails with "Cannot assign requested
     * address", which would otherwise read as a port conflict.
     */
    static void checkBindAddress(String bindAddress) {
        String knob = " Start with --bind 127.0.0.1 (this machine only, the default) or --bind 0.0.0.0 (every "
                + "interface, e.g. in a container); the environment variable is IOT_EMULATOR_BIND.";
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new ConfigurationException("The bind address '" + bindAddress + "' is not an IP address or a host "
                    + "name this machine can resolve." + knob, e);
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new ConfigurationException("The bind address " + bindAddress + " is not an address of this "
                        + "machine, so no listener can bind it." + knob);
            }
        } catch (SocketException e) {
            // The interfaces cannot be listed here: let binding decide.
        }
    }

    /** Records a listener that could not bind because its port is taken. */
    void portTaken(String what, int port, String flag, String environmentVariable, BindException cause) {
        taken.add(new Taken(what, port, flag, environmentVariable));
        if (firstCause == null) {
            firstCause = cause;
        }
    }

    /** Throws one exception naming every taken port and the option for each, if any was taken. */
    void throwIfAny() {
        if (taken.isEmpty()) {
            return;
        }
        List<String> ports = taken.stream().map(t -> t.what() + " port " + t.port()).toList();
        List<String> options = taken.stream().map(t -> t.flag() + " <port> (" + t.environmentVariable() + ")")
                .toList();
        throw new PortInUseException(String.join(", ", ports) + (taken.size() == 1 ? " is" : " are")
                + " already in use on " + bindAddress + ". Stop the other process (perhaps another emulator), or "
                + "start with " + String.join(", ", options) + "; 0 picks a free port.", firstCause);
    }
}
