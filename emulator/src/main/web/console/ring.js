// A bounded buffer: keeps the newest `capacity` items, so a busy emulator cannot grow the page without bound.

export class Ring {
    constructor(capacity) {
        if (!(capacity > 0)) {
            throw new Error(`capacity must be positive, not ${capacity}`);
        }
        this.capacity = capacity;
        this.buffer = [];
        this.start = 0;
        this.dropped = 0;
    }

    /** Adds an item; returns the oldest one it pushed out, or undefined. */
    push(item) {
        if (this.buffer.length < this.capacity) {
            this.buffer.push(item);
            return undefined;
        }
        const oldest = this.buffer[this.start];
        this.buffer[this.start] = item;
        this.start = (this.start + 1) % this.capacity;
        this.dropped++;
        return oldest;
    }

    /** Oldest first. */
    items() {
        return this.buffer.slice(this.start).concat(this.buffer.slice(0, this.start));
    }

    get size() {
        return this.buffer.length;
    }

    clear() {
        this.buffer = [];
        this.start = 0;
        this.dropped = 0;
    }
}
