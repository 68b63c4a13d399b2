/*
 * Behaviour shared by the forms (loaded on every page; does nothing where its markers are absent):
 * - the error summary (fragments/field :: summary) names each link after its field's label and moves focus to the
 *   first invalid field, so an error below the fold of a 768 px screen is not missed;
 * - a select with data-follows="<id>" takes the first value chosen in that select until the user picks another
 *   one (each row's therapeutic area follows the visit's);
 * - a multiple select whose options carry data-group (products by therapeutic area) shows the options of the
 *   groups chosen in the select named by its data-filtered-by, and every option already selected;
 * - a table that scrolls sideways on a tablet can be reached and scrolled with the keyboard.
 */
(function () {
	'use strict';

	function labelOf(control) {
		if (control.labels && control.labels.length) {
			return control.labels[0].textContent.trim();
		}
		return control.getAttribute('aria-label') || '';
	}

	function rowOf(control) {
		var row = control.closest('[data-row-label]');
		return row ? row.getAttribute('data-row-label') + ' ' : '';
	}

	function summarise() {
		var summary = document.getElementById('error-summary');
		if (!summary) {
			return;
		}
		summary.querySelectorAll('a[data-field]').forEach(function (link) {
			var control = document.getElementById(link.getAttribute('data-field'));
			if (!control) {
				return;
			}
			var label = rowOf(control) + labelOf(control);
			if (label.trim()) {
				link.textContent = label.trim() + ': ' + link.textContent;
			}
			link.addEventListener('click', function (event) {
				event.preventDefault();
				control.focus();
			});
		});
		var first = document.querySelector('form .is-invalid');
		if (first) {
			first.focus();
		}
	}

	function firstValue(select) {
		return select.selectedOptions.length ? select.selectedOptions[0].value : '';
	}

	function follow() {
		document.querySelectorAll('select[data-follows]').forEach(function (follower) {
			var leader = document.getElementById(follower.getAttribute('data-follows'));
			if (!leader || leader.dataset.followed) {
				return;
			}
			leader.dataset.followed = 'true';
			var last = firstValue(leader);
			var followers = function () {
				return document.querySelectorAll('select[data-follows="' + leader.id + '"]');
			};
			followers().forEach(function (f) {
				if (f.value === '' && last !== '') {
					f.value = last;
				}
			});
			leader.addEventListener('change', function () {
				var now = firstValue(leader);
				followers().forEach(function (f) {
					if (f.value === '' || f.value === last) {
						f.value = now;
					}
				});
				last = now;
			});
		});
	}

	function filterGroups() {
		document.querySelectorAll('select[data-filtered-by]').forEach(function (select) {
			var by = document.getElementById(select.getAttribute('data-filtered-by'));
			if (!by) {
				return;
			}
			var apply = function () {
				var groups = Array.prototype.map.call(by.selectedOptions, function (o) { return o.value; });
				Array.prototype.forEach.call(select.options, function (option) {
					var group = option.getAttribute('data-group');
					option.hidden = groups.length > 0 && group !== null && !option.selected && groups.indexOf(group) < 0;
				});
			};
			by.addEventListener('change', apply);
			apply();
		});
	}

	function scrollableTables() {
		document.querySelectorAll('.table-responsive:not([tabindex])').forEach(function (region) {
			region.setAttribute('tabindex', '0');
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		scrollableTables();
		follow();
		filterGroups();
		summarise();
	});
}());
