package org.wsz6.admin.catalogue;

/** A catalogue change that cannot be made; the message is shown to the person as is. */
public class CatalogueException extends RuntimeException {

    public CatalogueException(String message) {
        super(message);
    }
}
