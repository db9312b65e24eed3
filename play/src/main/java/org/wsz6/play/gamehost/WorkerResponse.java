package org.wsz6.play.gamehost;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One response line: {@code result} is already bound to the type the caller asked for (or a
 * JsonNode when that binding failed, so the caller can report why); {@code error} is the
 * worker's error object when {@code ok} is false.
 */
record WorkerResponse(long id, boolean ok, Object result, JsonNode error) { }
