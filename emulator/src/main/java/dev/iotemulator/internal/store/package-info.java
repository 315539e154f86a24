/**
 * The emulator's durable state: one embedded, crash-safe store of <b>documents by collection and key</b>, kept in the
 * data directory, so that what AWS IoT keeps (shadows, retained messages, persistent sessions, certificate status, the
 * registry, jobs, rules) survives a restart and a {@code kill -9}.
 *
 * <h2>The API</h2>
 * <ul>
 *   <li>{@link dev.iotemulator.internal.store.DocumentStore}: {@code get}, {@code entries} (a sorted snapshot),
 *       {@code put}, {@code delete}, {@code clear}, and {@code apply(Batch)} for several changes at once. Every
 *       call that changes something is <b>durable and atomic when it returns</b>: a crash afterwards keeps it, a
 *       crash during it keeps all or none of it.</li>
 *   <li>{@link dev.iotemulator.internal.store.Batch}: puts, deletes and collection clears applied together, as one
 *       commit, e.g. a thing and its index entries, or a session's subscriptions and queue.</li>
 *   <li>Documents are bytes; callers choose their encoding (JSON through Jackson in practice) and own its evolution.
 *       Keys are strings, ordered by {@link java.lang.String#compareTo}, so a prefix such as
 *       {@code "<thing>/<shadow>"} groups related documents.</li>
 *   <li>Collections are namespaced by the feature that owns them, {@code <feature>.<name>} in lower case
 *       ({@code shadow.documents}, {@code mqtt.retained}, {@code session.state}, {@code tls.certificate-status},
 *       {@code registry.things}, ...); see {@link dev.iotemulator.internal.store.CollectionNames}. A feature reads and
 *       writes only its own collections.</li>
 *   <li>{@link dev.iotemulator.internal.store.DocumentStore#clear()} empties every collection: what admin reset
 *       does.</li>
 * </ul>
 *
 * <h2>Where it lives</h2>
 * {@link dev.iotemulator.internal.store.DocumentStore#open(java.nio.file.Path)} keeps it in
 * {@code <data dir>/store/emulator.mv.db}, one process at a time (a second one is refused with a message naming the
 * directory); {@link dev.iotemulator.internal.store.DocumentStore#inMemory()} is the same store without a file, the
 * default of the in-process fixture.
 *
 * <h2>Schema</h2>
 * The store records {@link dev.iotemulator.internal.store.DocumentStore#SCHEMA_VERSION}. A newer jar opens an older
 * data directory (and upgrades what needs upgrading, then records its own version); an older jar refuses a newer
 * data directory rather than misread it. Changing a collection's document format in a way an older reader cannot read
 * means raising the version and adding a step to {@code SchemaMigrations}.
 *
 * <h2>Why H2 MVStore</h2>
 * Pure Java (no native library for the jar or the Docker image), one small jar, the storage engine of the H2 database
 * and of Moquette's own persistence, copy-on-write and append-only, so a crash leaves the last commit intact. The
 * emulator needs a key-value store of small documents, not SQL.
 */
package dev.iotemulator.internal.store;
