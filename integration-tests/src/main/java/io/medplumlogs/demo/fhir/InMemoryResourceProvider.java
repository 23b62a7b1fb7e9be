package io.medplumlogs.demo.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * An in-memory FHIR store for one resource type: versions, history, conditional create/update/delete and JSON
 * Patch. HAPI's {@code HashMapResourceProvider} does neither conditional writes nor patch, hence this class.
 * <p>
 * Each interaction logs one line on the servlet worker thread ("created Patient/1", "read Patient/1 version 1"),
 * so that every FHIR request has lines written by application code to check the request's IDs on. Search
 * criteria are never logged: they are PHI.
 */
public abstract class InMemoryResourceProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final String typeName;
    private final Logger log;
    private final AtomicLong nextId = new AtomicLong(1);
    /** id → version → resource (null = deleted). */
    private final Map<String, TreeMap<Long, T>> store = new LinkedHashMap<>();

    protected InMemoryResourceProvider(Class<T> type) {
        this.type = type;
        this.typeName = Fhir.CONTEXT.getResourceType(type);
        this.log = Logger.getLogger(getClass());
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    public String typeName() {
        return typeName;
    }

    /** Whether {@code resource} matches one search parameter (name and raw value, as in a query string). */
    protected abstract boolean matches(T resource, String name, String value);

    // ----- interactions -----

    @Create
    public MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String conditional) {
        if (conditional != null) {
            List<T> existing = search(SearchQuery.parse(conditional));
            if (existing.size() > 1) {
                throw new PreconditionFailedException("conditional create matches " + existing.size() + " resources");
            }
            if (existing.size() == 1) {
                T found = existing.get(0);
                log.infof("conditional create found %s, nothing created", found.getIdElement().toVersionless().getValue());
                return new MethodOutcome(found.getIdElement()).setCreated(false).setResource(found);
            }
        }
        return store(resource, newId(), "created");
    }

    @Read(version = true)
    public T read(@IdParam IdType id) {
        T found = get(id);
        log.infof("read %s/%s version %s", typeName, id.getIdPart(), found.getMeta().getVersionId());
        return found;
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, @ConditionalUrlParam String conditional) {
        String idPart;
        if (conditional != null) {
            List<T> existing = search(SearchQuery.parse(conditional));
            if (existing.size() > 1) {
                throw new PreconditionFailedException("conditional update matches " + existing.size() + " resources");
            }
            idPart = existing.isEmpty() ? newId() : existing.get(0).getIdElement().getIdPart();
        } else {
            idPart = id.getIdPart();
        }
        return store(resource, idPart, exists(idPart) ? "updated" : "created");
    }

    @Patch
    public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum patchType, @ResourceParam String body,
            @ConditionalUrlParam String conditional) {
        if (patchType != PatchTypeEnum.JSON_PATCH) {
            throw new InvalidRequestException("only JSON Patch (application/json-patch+json) is supported");
        }
        T current;
        if (conditional != null) {
            List<T> existing = search(SearchQuery.parse(conditional));
            if (existing.size() != 1) {
                throw new PreconditionFailedException("conditional patch matches " + existing.size() + " resources");
            }
            current = existing.get(0);
        } else {
            current = get(id.toVersionless());
        }
        T patched = JsonPatcher.apply(current, body, type);
        return store(patched, current.getIdElement().getIdPart(), "patched");
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, @ConditionalUrlParam String conditional) {
        List<String> ids = conditional != null
                ? search(SearchQuery.parse(conditional)).stream().map(r -> r.getIdElement().getIdPart()).toList()
                : List.of(id.getIdPart());
        for (String idPart : ids) {
            remove(idPart);
        }
        return new MethodOutcome();
    }

    @History
    public List<IBaseResource> historyInstance(@IdParam IdType id) {
        synchronized (store) {
            TreeMap<Long, T> versions = store.get(id.getIdPart());
            if (versions == null) {
                throw new ResourceNotFoundException(id);
            }
            List<IBaseResource> result = new ArrayList<>(versions.descendingMap().values().stream()
                    .filter(r -> r != null).toList());
            log.infof("history of %s/%s: %d versions", typeName, id.getIdPart(), result.size());
            return result;
        }
    }

    @History
    public List<IBaseResource> historyType() {
        List<IBaseResource> result = allVersions();
        log.infof("history of %s: %d versions", typeName, result.size());
        return result;
    }

    /** Type-level operation: answers with the type's resource count. */
    @Operation(name = "$ping", idempotent = true)
    public Parameters pingType() {
        int count = all().size();
        log.infof("$ping %s: %d resources", typeName, count);
        Parameters out = new Parameters();
        out.addParameter("type", typeName).addParameter().setName("count").setValue(new org.hl7.fhir.r4.model.IntegerType(count));
        return out;
    }

    // ----- used by searches, transactions and $everything -----

    public List<T> search(Map<String, List<String>> criteria) {
        List<T> result = new ArrayList<>();
        for (T resource : all()) {
            boolean ok = true;
            for (var criterion : criteria.entrySet()) {
                for (String value : criterion.getValue()) {
                    ok &= matchesAny(resource, criterion.getKey(), value);
                }
            }
            if (ok) {
                result.add(resource);
            }
        }
        return result;
    }

    protected List<T> searchAndLog(Map<String, List<String>> criteria, Integer count) {
        List<T> found = search(criteria);
        if (count != null && found.size() > count) {
            found = found.subList(0, count);
        }
        // Parameter names only: the values are what a patient is searched by.
        log.infof("search %s by %s: %d found", typeName, criteria.keySet(), found.size());
        return found;
    }

    private boolean matchesAny(T resource, String name, String commaSeparated) {
        if (name.equals("_id")) {
            return List.of(commaSeparated.split(",")).contains(resource.getIdElement().getIdPart());
        }
        for (String value : commaSeparated.split(",")) {
            if (matches(resource, name, value)) {
                return true;
            }
        }
        return false;
    }

    public List<T> all() {
        synchronized (store) {
            return store.values().stream().map(v -> v.lastEntry().getValue()).filter(r -> r != null).toList();
        }
    }

    List<IBaseResource> allVersions() {
        synchronized (store) {
            List<IBaseResource> result = new ArrayList<>();
            store.values().forEach(v -> v.values().stream().filter(r -> r != null).forEach(result::add));
            result.sort((a, b) -> ((Resource) b).getMeta().getLastUpdated()
                    .compareTo(((Resource) a).getMeta().getLastUpdated()));
            return result;
        }
    }

    public String newId() {
        return Long.toString(nextId.getAndIncrement());
    }

    public boolean exists(String idPart) {
        synchronized (store) {
            TreeMap<Long, T> versions = store.get(idPart);
            return versions != null && versions.lastEntry().getValue() != null;
        }
    }

    public T get(IdType id) {
        synchronized (store) {
            TreeMap<Long, T> versions = store.get(id.getIdPart());
            if (versions == null) {
                throw new ResourceNotFoundException(id);
            }
            if (id.hasVersionIdPart()) {
                Long version = id.getVersionIdPartAsLong();
                if (!versions.containsKey(version)) {
                    throw new ResourceNotFoundException(id);
                }
                T found = versions.get(version);
                if (found == null) {
                    throw new ResourceGoneException(id);
                }
                return copy(found);
            }
            T latest = versions.lastEntry().getValue();
            if (latest == null) {
                throw new ResourceGoneException(id);
            }
            return copy(latest);
        }
    }

    /** Stores {@code resource} as the next version of {@code idPart}; {@code verb} goes into the log line. */
    @SuppressWarnings("unchecked")
    public MethodOutcome store(Resource resource, String idPart, String verb) {
        T stored = copy((T) resource);
        long version;
        synchronized (store) {
            TreeMap<Long, T> versions = store.computeIfAbsent(idPart, k -> new TreeMap<>());
            version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            IdType id = new IdType(typeName, idPart, Long.toString(version));
            stored.setId(id);
            stored.getMeta().setVersionId(Long.toString(version)).setLastUpdatedElement(InstantType.now());
            versions.put(version, stored);
        }
        log.infof("%s %s/%s version %d", verb, typeName, idPart, version);
        T answer = copy(stored);
        resource.setId(answer.getIdElement());
        resource.setMeta(answer.getMeta());
        return new MethodOutcome(answer.getIdElement()).setCreated(version == 1).setResource(answer);
    }

    public void remove(String idPart) {
        long version;
        synchronized (store) {
            TreeMap<Long, T> versions = store.get(idPart);
            if (versions == null || versions.lastEntry().getValue() == null) {
                throw new ResourceNotFoundException(new IdType(typeName, idPart));
            }
            version = versions.lastKey() + 1;
            versions.put(version, null);
        }
        log.infof("deleted %s/%s version %d", typeName, idPart, version);
    }

    @SuppressWarnings("unchecked")
    private T copy(T resource) {
        return (T) resource.copy();
    }
}
