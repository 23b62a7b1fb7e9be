package io.medplumlogs.demo.fhir;

import ca.uhn.fhir.context.FhirContext;

/** The one R4 context of the app: building it scans the model and takes seconds, so it is shared. */
public final class Fhir {

    public static final FhirContext CONTEXT = FhirContext.forR4();

    private Fhir() {
    }
}
