package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tags of AWS IoT resources by resource ARN, as TagResource, UntagResource, ListTagsForResource and the
 * {@code tags} of the Create operations keep them (developer guide, "Tagging your AWS IoT resources"): a key of 1 to
 * 128 characters that does not start with {@code aws:}, a value of at most 256, at most 50 tags a resource; a tag with
 * a key the resource has already replaces its value.
 */
public final class Tags {

    static final int MAX_TAGS = 50;

    /** How the store keeps one resource's tags. */
    record Stored(Map<String, String> tags) {
    }

    private final Documents documents;
    private final Map<String, Map<String, String>> byArn = new ConcurrentHashMap<>();

    Tags(Documents documents) {
        this.documents = documents;
        documents.all(CollectionNames.TAGS, Stored.class)
                .forEach((arn, stored) -> byArn.put(arn, new LinkedHashMap<>(stored.tags())));
    }

    /** TagResource: adds the tags, replacing the values of keys the resource has. */
    public synchronized void tag(String arn, Map<String, String> tags) {
        tags.forEach(Tags::check);
        Map<String, String> merged = new LinkedHashMap<>(of(arn));
        merged.putAll(tags);
        save(arn, merged);
    }

    /** UntagResource: removes the keys; keys the resource does not have are ignored, as AWS ignores them. */
    public synchronized void untag(String arn, Collection<String> keys) {
        Map<String, String> left = new LinkedHashMap<>(of(arn));
        keys.forEach(left::remove);
        save(arn, left);
    }

    /** The tags a new resource is created with (Create operations' {@code tags}). */
    public synchronized void created(String arn, Map<String, String> tags) {
        tags.forEach(Tags::check);
        save(arn, new LinkedHashMap<>(tags));
    }

    /** A deleted resource's tags go with it. */
    public synchronized void deleted(String arn) {
        save(arn, Map.of());
    }

    /** A resource's tags, in the order they were added (never changed in place: a change puts a new map). */
    public Map<String, String> of(String arn) {
        Map<String, String> tags = byArn.get(arn);
        return tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    private void save(String arn, Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw ApiError.LIMIT_EXCEEDED.with("A resource has at most " + MAX_TAGS + " tags; " + arn + " would have "
                    + tags.size() + ".");
        }
        if (tags.isEmpty()) {
            byArn.remove(arn);
            documents.delete(CollectionNames.TAGS, arn);
        } else {
            byArn.put(arn, tags);
            documents.put(CollectionNames.TAGS, arn, new Stored(tags));
        }
    }

    /** Refuses a tag AWS would refuse. */
    static void check(String key, String value) {
        if (key == null || key.isEmpty() || key.length() > 128) {
            throw ApiError.INVALID_REQUEST.with("A tag key has 1 to 128 characters, not " + key + ".");
        }
        if (key.startsWith("aws:")) {
            throw ApiError.INVALID_REQUEST.with("Tag keys starting with aws: are reserved for AWS (" + key + ").");
        }
        if (value != null && value.length() > 256) {
            throw ApiError.INVALID_REQUEST.with("The value of tag " + key + " has " + value.length()
                    + " characters; AWS allows 256.");
        }
    }
}
