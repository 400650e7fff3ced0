/**
 * Django's message for a choice field (django-filter's ChoiceFilter, MultipleChoiceFilter) given a value it
 * does not list: the value as sent, so `actions=` (an empty value) reads with two spaces.
 */
export const invalidChoiceMessage = (value: string): string => `Select a valid choice. ${value} is not one of the available choices.`;
