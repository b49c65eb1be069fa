package dev.assay.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The load generator only ever talks to this machine: a load test pointed at someone else's server is an attack. */
final class Loopback {

    private Loopback() {}

    /** Throws unless every address {@code host} names is a loopback address. */
    static void require(String host, String what) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(what + " must be on this machine (loopback), but " + host
                            + " is " + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host " + host, e);
        }
    }
}
