package io.medplumlogs.demo.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.jboss.logging.Logger;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.medplumlogs.runtime.audit.AuditHints;

/**
 * System-level interactions: batch and transaction, system history, {@code $ping}, and {@code $boom}, which fails
 * with 500 on purpose.
 * <p>
 * A transaction here is "all entries in order, {@code urn:uuid} references resolved", without rollback: this is an
 * in-memory demo, not a database. A batch reports each entry's failure in its response entry instead of failing.
 */
public class SystemProvider {

    private static final Logger LOG = Logger.getLogger(SystemProvider.class);
    private final FhirStore store;

    SystemProvider(FhirStore store) {
        this.store = store;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) {
        boolean transaction = bundle.getType() == BundleType.TRANSACTION;
        if (!transaction && bundle.getType() != BundleType.BATCH) {
            throw new InvalidRequestException("Bundle.type must be batch or transaction");
        }
        // The audit line only sees "POST /fhir/R4"; the Bundle type tells a transaction from a batch.
        AuditHints.bundleType(bundle.getType().toCode());
        LOG.infof("%s of %d entries", bundle.getType().toCode(), bundle.getEntry().size());
        Map<String, String> placeholders = transaction ? assignIds(bundle) : new HashMap<>();
        Bundle response = new Bundle().setType(transaction ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE);
        for (BundleEntryComponent entry : bundle.getEntry()) {
            BundleEntryComponent answer = response.addEntry();
            try {
                if (entry.hasResource()) {
                    resolveReferences(entry.getResource(), placeholders);
                }
                apply(entry, placeholders.get(entry.getFullUrl()), answer);
            } catch (BaseServerResponseException e) {
                if (transaction) {
                    throw e;
                }
                answer.getResponse().setStatus(Integer.toString(e.getStatusCode()))
                        .setOutcome(new OperationOutcome().addIssue(new OperationOutcome.OperationOutcomeIssueComponent()
                                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                                .setCode(OperationOutcome.IssueType.PROCESSING).setDiagnostics(e.getMessage())));
            }
        }
        return response;
    }

    /** System history: every version of every resource, newest first. */
    @History
    public List<IBaseResource> historySystem() {
        List<IBaseResource> all = new ArrayList<>();
        store.providers().forEach(p -> all.addAll(p.allVersions()));
        all.sort((a, b) -> ((Resource) b).getMeta().getLastUpdated().compareTo(((Resource) a).getMeta().getLastUpdated()));
        LOG.infof("system history: %d versions", all.size());
        return all;
    }

    @Operation(name = "$ping", idempotent = true)
    public Parameters ping() {
        int total = store.providers().stream().mapToInt(p -> p.all().size()).sum();
        LOG.infof("$ping: %d resources", total);
        Parameters out = new Parameters();
        out.addParameter().setName("resources").setValue(new IntegerType(total));
        return out;
    }

    /**
     * Fails with 500 on purpose, as an application bug would: it converts a "legacy" birth date, the FHIR parser
     * rejects it, and the parser's exception, whose message quotes the value, becomes the cause of a HAPI
     * {@code InternalErrorException}. The PHI canary test checks that the value stays out of the logged stack.
     */
    @Operation(name = "$boom", idempotent = true)
    public Parameters boom(@OperationParam(name = "birthdate") StringType birthdate) {
        String value = birthdate == null ? "" : birthdate.getValue().replace("\\", "").replace("\"", "");
        try {
            Fhir.CONTEXT.newJsonParser().parseResource(Patient.class,
                    "{\"resourceType\":\"Patient\",\"birthDate\":\"" + value + "\"}");
        } catch (DataFormatException e) {
            throw new InternalErrorException("could not convert a legacy record", e);
        }
        return new Parameters();
    }

    /** Server-assigned ids for the transaction's creates, so that entries can reference each other. */
    private Map<String, String> assignIds(Bundle bundle) {
        Map<String, String> ids = new HashMap<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasFullUrl() && entry.hasResource()
                    && entry.getRequest().getMethod() == Bundle.HTTPVerb.POST) {
                InMemoryResourceProvider<?> provider = store.provider(entry.getResource().fhirType());
                ids.put(entry.getFullUrl(), provider.typeName() + "/" + provider.newId());
            }
        }
        return ids;
    }

    private static void resolveReferences(Resource resource, Map<String, String> placeholders) {
        for (Reference reference : Fhir.CONTEXT.newTerser().getAllPopulatedChildElementsOfType(resource,
                Reference.class)) {
            String target = placeholders.get(reference.getReference());
            if (target != null) {
                reference.setReference(target);
            }
        }
    }

    private void apply(BundleEntryComponent entry, String assigned, BundleEntryComponent answer) {
        String url = entry.getRequest().getUrl();
        if (url == null) {
            throw new InvalidRequestException("entry without request.url");
        }
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String[] parts = path.split("/");
        InMemoryResourceProvider<?> provider = store.provider(parts[0]);
        Resource resource = entry.getResource();
        switch (entry.getRequest().getMethod()) {
            case POST -> {
                if (entry.getRequest().hasIfNoneExist()) {
                    List<? extends Resource> found = provider.search(SearchQuery.parse(entry.getRequest().getIfNoneExist()));
                    if (!found.isEmpty()) {
                        answer.getResponse().setStatus("200 OK")
                                .setLocation(found.get(0).getIdElement().getValue());
                        return;
                    }
                }
                String idPart = assigned != null ? new IdType(assigned).getIdPart() : provider.newId();
                written(answer, provider.store(resource, idPart, "created"), "201 Created");
            }
            case PUT -> {
                String idPart;
                if (q >= 0) {
                    List<? extends Resource> found = provider.search(SearchQuery.parse(url));
                    idPart = found.isEmpty() ? provider.newId() : found.get(0).getIdElement().getIdPart();
                } else {
                    idPart = parts[1];
                }
                boolean exists = provider.exists(idPart);
                written(answer, provider.store(resource, idPart, exists ? "updated" : "created"),
                        exists ? "200 OK" : "201 Created");
            }
            case GET -> {
                if (q >= 0 || parts.length == 1) {
                    Bundle searchset = new Bundle().setType(BundleType.SEARCHSET);
                    provider.search(SearchQuery.parse(url)).forEach(r -> searchset.addEntry().setResource(r));
                    searchset.setTotal(searchset.getEntry().size());
                    answer.setResource(searchset).getResponse().setStatus("200 OK");
                } else {
                    IdType id = parts.length >= 4 ? new IdType(parts[0], parts[1], parts[3]) : new IdType(parts[0], parts[1]);
                    answer.setResource(provider.get(id)).getResponse().setStatus("200 OK");
                }
            }
            case DELETE -> {
                provider.remove(parts[1]);
                answer.getResponse().setStatus("204 No Content");
            }
            default -> throw new InvalidRequestException("unsupported method " + entry.getRequest().getMethod());
        }
    }

    private static void written(BundleEntryComponent answer, MethodOutcome outcome, String status) {
        answer.getResponse().setStatus(status).setLocation(outcome.getId().getValue())
                .setEtag("W/\"" + outcome.getId().getVersionIdPart() + "\"");
    }
}
