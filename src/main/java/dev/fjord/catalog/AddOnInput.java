package dev.fjord.catalog;

import dev.fjord.shared.Changes;
import java.util.List;

/** The sent columns of an add-on, and its full list of tax codes when sent (null leaves the taxes as they are). */
public record AddOnInput(Changes changes, List<String> taxCodes) {}
