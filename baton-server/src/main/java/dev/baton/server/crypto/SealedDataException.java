package dev.baton.server.crypto;

/**
 * Sealed data that cannot be opened here: unknown key id, a tag that does not verify, a damaged header, or
 * encryption not configured. The message names the key id and where the keys come from, never key material.
 */
public final class SealedDataException extends IllegalStateException {
    public SealedDataException(String message) {
        super(message);
    }
}
