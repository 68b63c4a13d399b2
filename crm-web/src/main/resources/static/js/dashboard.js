// Draws each dashboard chart from the table under it: the table is the accessible form of the chart and
// its only data source. <canvas data-chart="line|bar" data-table="ID">; the table's header cells marked
// data-series are the series, the first cell of each body row the label, data-value the numbers.
// Clicking a bar or point follows the drill-down link of its row. Also draws charts that htmx loads later.
(function () {
  'use strict';
  var colours = ['#0d6efd', '#198754', '#dc3545', '#fd7e14', '#6f42c1', '#20c997', '#6c757d'];

  function draw(canvas) {
    var table = document.getElementById(canvas.dataset.table);
    if (!table || typeof Chart === 'undefined') {
      return;
    }
    var headers = Array.prototype.slice.call(table.querySelectorAll('thead th'));
    var columns = [];
    headers.forEach(function (th, index) {
      if (th.hasAttribute('data-series')) {
        columns.push({ index: index, label: th.textContent.trim() });
      }
    });
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr')).filter(function (tr) {
      return tr.children.length === headers.length;
    });
    var labels = rows.map(function (tr) { return tr.children[0].textContent.trim(); });
    var datasets = columns.map(function (column, i) {
      return {
        label: column.label,
        data: rows.map(function (tr) {
          var value = tr.children[column.index].getAttribute('data-value');
          return (value === null || value === '') ? null : Number(value);
        }),
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
        spanGaps: true
      };
    });
    new Chart(canvas, {
      type: canvas.dataset.chart,
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        // A click on a bar or point opens the row's drill-down link, when the row has one.
        onClick: function (event, elements) {
          if (elements.length) {
            var link = rows[elements[0].index].querySelector('a[href]');
            if (link) {
              window.location.href = link.href;
            }
          }
        },
        responsive: true,
        indexAxis: canvas.dataset.axis === 'y' ? 'y' : 'x',
        scales: { x: { stacked: canvas.dataset.stacked === 'true' }, y: { beginAtZero: true, stacked: canvas.dataset.stacked === 'true' } }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  }

  function drawIn(root) {
    if (root && root.querySelectorAll) {
      root.querySelectorAll('canvas.dashboard-chart:not([data-drawn])').forEach(draw);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawIn(document);
  });
  // Cards loaded later by htmx (the patients over time on the HCP page) draw when they arrive.
  document.addEventListener('htmx:load', function (event) {
    drawIn(event.target);
  });
}());
