package dev.iotemulator.internal.broker;

/**
 * Lets the broker start before the gateway that answers its callbacks exists, so the two start in parallel.
 * Until {@link #delegateTo} is called, no connection is live.
 */
public final class DeferredCallbacks implements BrokerCallbacks {

    private volatile BrokerCallbacks delegate;

    public void delegateTo(BrokerCallbacks callbacks) {
        this.delegate = callbacks;
    }

    @Override
    public boolean isLiveConnection(String token, byte[] secret, String clientId) {
        BrokerCallbacks d = delegate;
        return d != null && d.isLiveConnection(token, secret, clientId);
    }

    @Override
    public void sessionReady(String token) {
        BrokerCallbacks d = delegate;
        if (d != null) {
            d.sessionReady(token);
        }
    }
}
