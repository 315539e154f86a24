package dev.iotemulator.internal.policy;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The values that policy variables ({@code ${iot:ClientId}}) and condition keys ({@code iot:ConnectAttributes})
 * resolve to for one request.
 *
 * <p>Keys are looked up case-insensitively, as IAM treats condition key names. A key that was never set is
 * <em>absent</em>, which is different from a key set to an empty list: {@code ForAllValues} holds for an empty
 * list but, in this emulator, not for an absent key.
 *
 * <p>Most values are fixed for a connection, so build one context per connection and derive per-request
 * contexts (say, with {@code iot:LastWillTopic}) through {@link #toBuilder()}.
 */
public final class RequestContext {

    /** The MQTT client id. */
    public static final String CLIENT_ID = "iot:ClientId";
    /** The thing bound to the connection; absent when the principal has none. */
    public static final String THING_NAME = "iot:Connection.Thing.ThingName";
    /** The thing type of the thing bound to the connection; absent when it has none. */
    public static final String THING_TYPE_NAME = "iot:Connection.Thing.ThingTypeName";
    /** {@code "true"} or {@code "false"}: whether the principal is attached to the thing. */
    public static final String THING_IS_ATTACHED = "iot:Connection.Thing.IsAttached";
    /** The Cognito identity id ({@code <region>:<guid>}) of a Cognito principal. */
    public static final String COGNITO_IDENTITY_ID = "cognito-identity.amazonaws.com:sub";
    /** The IAM user name of a SigV4 principal. */
    public static final String USERNAME = "aws:username";
    /** The IAM unique id of a SigV4 principal. */
    public static final String USER_ID = "aws:userid";
    /** The client's IP address. */
    public static final String SOURCE_IP = "aws:SourceIp";
    /** Multi-valued: {@code PersistentConnect} and/or {@code LastWill} for a CONNECT. */
    public static final String CONNECT_ATTRIBUTES = "iot:ConnectAttributes";
    /** The topic ARN of the CONNECT's last will, when it has one. */
    public static final String LAST_WILL_TOPIC = "iot:LastWillTopic";

    private static final RequestContext EMPTY = new RequestContext(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final TreeMap<String, List<String>> values;

    private RequestContext(TreeMap<String, List<String>> values) {
        this.values = values;
    }

    /** A context with no keys at all; every variable is unresolved. */
    public static RequestContext empty() {
        return EMPTY;
    }

    /** The key of one attribute of the connection's thing: {@code iot:Connection.Thing.Attributes[name]}. */
    public static String thingAttribute(String name) {
        return "iot:Connection.Thing.Attributes[" + name + "]";
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    /** Starts a builder holding this context's values, to derive a per-request context. */
    public Builder toBuilder() {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(values);
        return new Builder(copy);
    }

    /** The single value of {@code key}, the first of several, or {@code null} when absent or empty. */
    public String value(String key) {
        List<String> found = values.get(key);
        return found == null || found.isEmpty() ? null : found.get(0);
    }

    /** All values of {@code key}, or {@code null} when the key is absent. */
    public List<String> values(String key) {
        return values.get(key);
    }

    /** Lists every key and value, for logs. */
    @Override
    public String toString() {
        return "RequestContext" + values;
    }

    /** Collects context values; a {@code null} value leaves the key absent. */
    public static final class Builder {
        private final TreeMap<String, List<String>> values;

        private Builder(TreeMap<String, List<String>> values) {
            this.values = values;
        }

        /** Sets {@value RequestContext#CLIENT_ID}. */
        public Builder clientId(String clientId) {
            return put(CLIENT_ID, clientId);
        }

        /** Sets {@value RequestContext#THING_NAME}. */
        public Builder thingName(String thingName) {
            return put(THING_NAME, thingName);
        }

        /** Sets {@value RequestContext#THING_IS_ATTACHED} to {@code "true"} or {@code "false"}. */
        public Builder thingAttached(boolean attached) {
            return put(THING_IS_ATTACHED, Boolean.toString(attached));
        }

        /** Sets {@value RequestContext#COGNITO_IDENTITY_ID}. */
        public Builder cognitoIdentityId(String identityId) {
            return put(COGNITO_IDENTITY_ID, identityId);
        }

        /** Sets {@value RequestContext#USERNAME}. */
        public Builder username(String username) {
            return put(USERNAME, username);
        }

        /** Sets {@value RequestContext#USER_ID}. */
        public Builder userId(String userId) {
            return put(USER_ID, userId);
        }

        /** Sets {@value RequestContext#SOURCE_IP}. */
        public Builder sourceIp(String sourceIp) {
            return put(SOURCE_IP, sourceIp);
        }

        /** Sets {@value RequestContext#CONNECT_ATTRIBUTES}; no arguments means present but empty. */
        public Builder connectAttributes(String... attributes) {
            return putAll(CONNECT_ATTRIBUTES, Arrays.asList(attributes));
        }

        /** Sets {@value RequestContext#LAST_WILL_TOPIC} to a topic ARN. */
        public Builder lastWillTopic(String topicArn) {
            return put(LAST_WILL_TOPIC, topicArn);
        }

        /** Sets any single-valued key; {@code null} removes it. */
        public Builder put(String key, String value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, List.of(value));
            }
            return this;
        }

        /** Sets any multi-valued key; {@code null} removes it. */
        public Builder putAll(String key, List<String> keyValues) {
            if (keyValues == null) {
                values.remove(key);
            } else {
                values.put(key, List.copyOf(keyValues));
            }
            return this;
        }

        /** Freezes the values into a context. */
        public RequestContext build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(values);
            return new RequestContext(copy);
        }
    }
}
