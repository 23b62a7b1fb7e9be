package io.medplumlogs.demo.fhir;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonPatch;
import jakarta.json.JsonReader;

import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/** JSON Patch (RFC 6902) on a FHIR resource: resource → JSON → patched JSON → resource. */
final class JsonPatcher {

    private JsonPatcher() {
    }

    static <T extends Resource> T apply(T resource, String patchBody, Class<T> type) {
        IParser parser = Fhir.CONTEXT.newJsonParser();
        JsonPatch patch;
        try (JsonReader reader = Json.createReader(new StringReader(patchBody))) {
            patch = Json.createPatch(reader.readArray());
        } catch (JsonException | ClassCastException e) {
            throw new InvalidRequestException("not a JSON Patch document: " + e.getMessage());
        }
        JsonObject target;
        try (JsonReader reader = Json.createReader(new StringReader(parser.encodeResourceToString(resource)))) {
            target = reader.readObject();
        }
        try {
            return parser.parseResource(type, patch.apply(target).toString());
        } catch (JsonException e) {
            throw new UnprocessableEntityException("JSON Patch failed: " + e.getMessage());
        }
    }
}
