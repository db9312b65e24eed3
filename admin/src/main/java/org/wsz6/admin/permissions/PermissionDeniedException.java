package org.wsz6.admin.permissions;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Thrown by {@link Permissions#require}; pages show the reason with status 403. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String reason) {
        super(reason);
    }
}
