package dev.switchboard.workspace;

import dev.switchboard.web.FieldProblem;

/**
 * Intake's problems with a ticket, as a customer reads them on the portal or in the chat widget: they
 * give an email, never the API's customer id, so "is required when customer.id is absent" is "is required".
 */
final class CustomerProblems {

    private CustomerProblems() {
    }

    static String message(FieldProblem problem) {
        return problem.message().replace(" when customer.id is absent", "");
    }
}
